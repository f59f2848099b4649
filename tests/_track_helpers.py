"""The worked example of the tracking tests: a four-month plan and three months of actuals."""

from __future__ import annotations

WORKED_PROFILE = """\
version: 1
plan: {title: Worked example, locale: en, start: 2027-01-01, kind: custom, currency: CNY}
shop: {name: Worked shop, platform: douyin}
baseline: {followers: 10000, monthly_gmv: 100000, aov: 200, conversion_rate: 0.02, cac: 50, refund_rate: 0.08}
goals:
  short: {months: 4, targets: {followers: 20736, monthly_gmv: 160000, conversion_rate: 0.04, cac: 40}}
traffic:
  funnel: [{stage: Exposure}, {stage: Click, rate: 0.1}, {stage: Pay, rate: 0.05}]
  channels: [{name: Ads, type: paid, share: 1, roi: 2, monthly_spend: 50000}]
kpis: [{metric: refund_rate, target: 0.05, cadence: weekly, owner: Service}]
budget: {total: 400000, months: 4, items: [{name: Content, share: 1}]}
timeline:
  phases:
    - id: build
      name: Build
      tasks:
        - {id: a, name: Set up, weeks: 2}
        - {id: b, name: Grow, weeks: 4, after: [a]}
  milestones:
    - {id: M1, name: Ready, after: [a], criteria: Shop open}
    - {id: M2, name: Grown, after: [b], criteria: Groups live}
"""

WORKED_ACTUALS = """\
metric,period,value
followers,2027-01,12500
followers,2027-02,14000
followers,2027-03,16000
monthly_gmv,2027-03,120000
conversion_rate,2027-03,3.4%
cac,2027-03,48
refund_rate,2027-03,0.055
spend,2027-01,90000
spend,2027-02,110000
Click,2027-03,10%
Pay,2027-03,3%
Ads,2027-03,60000
M1,2027-01-20,done
"""
