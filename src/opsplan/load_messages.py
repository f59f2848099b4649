"""What the loader says when a profile cannot be read or validated, in en and zh-CN side by side.

Keys: ``yaml.*`` reading YAML, ``file.*`` decoding and finding files, ``extends.*``, ``field.*`` validation
(pydantic's error types said in our words; pydantic's own text never reaches the user), ``expect.*`` the kind
of value a field wants, ``ref.*`` references. The location (``file:line:column``) and field path are put in
front by the caller and never change with the language.
"""

from __future__ import annotations

from opsplan.i18n import Catalogue, is_zh, say

LOAD: Catalogue = {
    # reading YAML
    "yaml.syntax": ("YAML syntax error: {what}{tab}", "YAML 格式有误：{what}{tab}"),
    "yaml.tab": (
        "; YAML does not allow tabs for indentation: indent with spaces",
        "；YAML 不能用 Tab 缩进，请改用空格",
    ),
    "yaml.tab_here": ("a tab here", "这里有一个 Tab"),
    "yaml.error": ("YAML error: {what}", "YAML 读取出错：{what}"),
    "yaml.too_large": ("the YAML is too large or nested too deeply", "这份 YAML 太大或嵌套太深"),
    "yaml.depth": ("nested more than {limit} levels deep", "嵌套超过了 {limit} 层"),
    "yaml.depth_aliases": ("nested more than {limit} levels deep (through aliases)", "通过别名嵌套超过了 {limit} 层"),
    "yaml.second_document": (
        "a second YAML document (---) starts here; a profile is one document",
        "这里开始了第二个 YAML 文档（---）；一份档案只能有一个文档",
    ),
    "yaml.values": (
        "the document has more than {limit} values; a profile needs far fewer (an alias bomb?)",
        "文档里的值超过了 {limit} 个；正常的档案远用不了这么多（是不是别名炸弹？）",
    ),
    "yaml.values_aliases": (
        "aliases expand the document to more than {limit} values; a profile needs far fewer (an alias bomb?)",
        "别名展开后文档里的值超过了 {limit} 个；正常的档案远用不了这么多（是不是别名炸弹？）",
    ),
    "yaml.alias_chars": (
        "aliases repeat more than {limit} characters of text; a profile needs far fewer (an alias bomb?)",
        "别名重复的文字超过了 {limit} 个字符；正常的档案远用不了这么多（是不是别名炸弹？）",
    ),
    "yaml.tag": ("the tag {tag!r} is not allowed in a profile", "档案里不能用标签 {tag}"),
    "yaml.surrogate": (
        "the text holds an unpaired surrogate (U+{code}, written as an escape); remove it",
        "文字里有一个不成对的代理字符（U+{code}，以转义形式写入）；请删掉",
    ),
    "yaml.control": (
        "the text holds a control character (U+{code}, written as an escape); remove it",
        "文字里有一个控制字符（U+{code}，以转义形式写入）；请删掉",
    ),
    "yaml.long_value": (
        "a value of {size} characters is too long (limit {limit})",
        "这个值有 {size} 个字符，太长了（上限 {limit}）",
    ),
    "yaml.merge_keys": ("merge keys (<<) are not supported in a profile", "档案里不支持合并键（<<）"),
    "yaml.plain_key": ("a key must be plain text", "键必须是普通文字"),
    "yaml.duplicate_key": (
        "duplicate key {key!r} (first on line {line}); keep one of them",
        "键「{key}」重复了（第一次出现在第 {line} 行）；只保留一个",
    ),
    "yaml.recursive_alias": (
        "alias *{name} is used inside its own anchor (recursive)",
        "别名 *{name} 用在了它自己的锚点里（循环引用）",
    ),
    "yaml.unknown_alias": (
        "alias *{name} names no anchor (&{name}) above it",
        "别名 *{name} 上方没有对应的锚点 &{name}",
    ),
    # what libyaml reports, said in our words (by the start of its problem text)
    "yaml.p.did not find expected key": (
        "a key was expected here; check this line's indentation against the lines above",
        "这里应该是一个键；请对照上面几行检查这一行的缩进",
    ),
    "yaml.p.mapping values are not allowed": (
        "a ': ' where no key can start; put quotes around a value that holds ': ', or check the indentation",
        "这里出现了不该有的“: ”；值里含有“: ”时请给整个值加引号，或者检查缩进",
    ),
    "yaml.p.could not find expected ':'": (
        "a key without its ':'; write key: value",
        "这个键后面缺少冒号；请写成“键: 值”",
    ),
    "yaml.p.found character that cannot start any token": (
        "a character that cannot start a value here (a tab, @ or `?); put the value in quotes or indent with spaces",
        "这里有一个不能作为开头的字符（Tab、@ 或 `？）；请给值加引号，或者用空格缩进",
    ),
    "yaml.p.did not find expected node content": (
        "a value is missing here; check the line's indentation and any '-' or ':'",
        "这里缺少值；请检查这一行的缩进以及“-”和“:”",
    ),
    "yaml.p.did not find expected '-' indicator": (
        "a list item ('- ') was expected here; check the indentation of the list",
        "这里应该是一个列表项（“- ”）；请检查列表的缩进",
    ),
    "yaml.p.block sequence entries are not allowed": (
        "a list item ('- ') cannot start here; check the indentation",
        "这里不能开始列表项（“- ”）；请检查缩进",
    ),
    "yaml.p.found unexpected end of stream": (
        "the file ends inside a quoted text or a bracket; close it",
        "文件在引号或括号还没闭合的地方结束了；请把它闭合",
    ),
    "yaml.p.found unknown escape character": (
        "a backslash escape that YAML does not know inside double quotes; use single quotes or write \\\\",
        "双引号里有 YAML 不认识的反斜杠转义；请改用单引号，或者写成 \\\\",
    ),
    "yaml.p.did not find expected ',' or ']'": ("a '[' list is not closed with ']'", "方括号“[”没有用“]”闭合"),
    "yaml.p.did not find expected ',' or '}'": ("a '{{' mapping is not closed with '}}'", "花括号“{{”没有用“}}”闭合"),
    "yaml.p.found a tab character": ("a tab where YAML needs spaces", "这里用了 Tab，YAML 这里需要空格"),
    "yaml.p.other": ("the YAML cannot be read here ({what})", "这里的 YAML 无法解析（{what}）"),
    # decoding and files
    "file.nul_name": ("{path!r}: a file name cannot hold a NUL character", "{path!r}：文件名里不能有 NUL 字符"),
    "file.unreadable": ("{path}: cannot be read ({reason})", "{path}：无法读取（{reason}）"),
    "file.empty": (
        "{path}: the file is empty; start one with `opsplan new {name}`",
        "{path}：文件是空的；可以用 `opsplan new {name}` 新建一份",
    ),
    "file.not_mapping": (
        "{where}: a profile must be a mapping of keys (version, plan, shop …)",
        "{where}：档案必须是一组“键: 值”（version、plan、shop …）",
    ),
    "decode.not_utf8": (
        "{where}: the file is not valid UTF-8; save it as UTF-8",
        "{where}: 文件不是有效的 UTF-8；请存成 UTF-8",
    ),
    "decode.gbk": (
        "{where}: the file is not valid UTF-8; it looks like a GBK/GB18030 Chinese file: re-save it as UTF-8",
        "{where}: 文件不是有效的 UTF-8；看起来是 GBK/GB18030 编码的中文文件：请另存为 UTF-8",
    ),
    "decode.bad_with_bom": (
        "{where}: the file cannot be read; it has a {name} byte-order mark but is not valid {name}",
        "{where}: 文件无法读取；它带有 {name} 字节顺序标记（BOM），内容却不是有效的 {name}",
    ),
    "decode.nul": ("{where}: NUL byte in the file; remove it", "{where}: 文件里有 NUL 字节；请删掉"),
    "decode.control": (
        "{where}: control character {char} in the file; remove it",
        "{where}: 文件里有控制字符 {char}；请删掉",
    ),
    "decode.not_allowed": (
        "{where}: the character U+{code} is not allowed in a YAML file; remove it",
        "{where}: YAML 文件里不能有字符 U+{code}；请删掉",
    ),
    "decode.no_bom": (
        "{where}: the file is {name} without a byte-order mark; re-save it as UTF-8",
        "{where}: 文件是不带字节顺序标记（BOM）的 {name}；请另存为 UTF-8",
    ),
    "decode.little": ("{name} (little-endian)", "{name}（小端）"),
    "decode.big": ("{name} (big-endian)", "{name}（大端）"),
    "file.too_large": ("{path}: the profile is too large or deep to validate", "{path}：档案太大或嵌套太深，无法校验"),
    # extends
    "extends.cycle": ("{path}: extends cycle: {cycle}", "{path}：extends 形成了循环：{cycle}"),
    "extends.depth": (
        "{path}: extends goes more than {limit} files deep",
        "{path}：extends 连续引用超过了 {limit} 层文件",
    ),
    "extends.invalid": (
        "{where}: extends: give a preset name or a relative path",
        "{where}：extends：请写预设名或相对路径",
    ),
    "extends.loop": (
        "{where}: extends: {ref!r} cannot be followed (a loop of links?)",
        "{where}：extends：{ref!r} 无法打开（是不是链接形成了循环？）",
    ),
    "extends.outside": (
        "{where}: extends: {ref!r} is outside the folder of the profile ({root}); a profile extends a preset or a "
        "file in that folder or below it (--allow-extends-outside lifts this)",
        "{where}：extends：{ref!r} 在档案所在文件夹（{root}）之外；档案只能引用预设，或同一文件夹及其子文件夹里的文件"
        "（加 --allow-extends-outside 可以放开）",
    ),
    "extends.no_file": (
        "{where}: extends: no file {ref!r} next to {name}",
        "{where}：extends：{name} 旁边没有文件 {ref!r}",
    ),
    "extends.unknown": ("{where}: extends: unknown preset {ref!r}", "{where}：extends：没有名为 {ref!r} 的预设"),
    "did_you_mean": ("; did you mean {names}?", "；是不是想写 {names}？"),
    "or": (" or ", " 或 "),
    # validation: pydantic's error types in our words
    "field.more": ("… and {more} more problems; fix these first", "… 另外还有 {more} 个问题；请先改好上面这些"),
    "field.missing": ("required field {key!r} is missing", "缺少必填项「{key}」"),
    "field.unknown_key": ("unknown key {key!r}", "不认识的键「{key}」"),
    "field.unknown_key_close": (
        "unknown key {key!r}; did you mean {close!r}?",
        "不认识的键「{key}」；是不是想写「{close}」？",
    ),
    "field.unknown_key_allowed": (
        "unknown key {key!r}; allowed here: {allowed}",
        "不认识的键「{key}」；这里可以写的键有：{allowed}",
    ),
    "field.expected_empty": ("expected {expected} (the value is empty)", "这里应该填{expected}（现在是空的）"),
    "field.expected": ("expected {expected}, not {got}", "这里应该填{expected}，而不是{got}"),
    "field.empty": ("{message} (the value is empty)", "{message}（现在是空的）"),
    "field.greater_than": ("must be more than {limit}, not {got}", "必须大于 {limit}，现在是{got}"),
    "field.greater_than_equal": ("must be at least {limit}, not {got}", "不能小于 {limit}，现在是{got}"),
    "field.less_than": ("must be less than {limit}, not {got}", "必须小于 {limit}，现在是{got}"),
    "field.less_than_equal": ("must be at most {limit}, not {got}", "不能大于 {limit}，现在是{got}"),
    "field.too_short": ("needs at least {limit} item(s), not {got}", "至少要有 {limit} 项，现在是{got}"),
    "field.too_long": ("holds at most {limit} item(s), not {got}", "最多只能有 {limit} 项，现在是{got}"),
    "field.string_too_short": ("needs at least {limit} character(s)", "至少要写 {limit} 个字"),
    "field.string_too_long": ("holds at most {limit} characters", "最多只能写 {limit} 个字"),
    "field.finite_number": ("expected a finite number, not {got}", "这里应该填一个有限的数字，而不是{got}"),
    "field.invalid": ("this value is not accepted here ({got})", "这里不能填这个值（{got}）"),
    # the value a field expects
    "expect.mapping": ("a mapping of keys (key: value lines)", "一组“键: 值”"),
    "expect.list": ("a list (one '- ' item a line)", "一个列表（每行一个“- ”项）"),
    "expect.text": ("text", "文字"),
    "expect.whole": ("a whole number", "整数"),
    "expect.number": ("a number", "数字"),
    "expect.bool": ("true or false", "true 或 false"),
    "expect.date": ("a date written YYYY-MM-DD", "YYYY-MM-DD 格式的日期"),
    "expect.one_of": ("one of {expected}", "以下之一：{expected}"),
    # the value the user wrote
    "got.bool": ("{value}", " {value}"),
    "got.number": ("the number {value}", "数字 {value}"),
    "got.text": ("the text {value!r}", "文字“{value}”"),
    "got.list": ("a list", "一个列表"),
    "got.mapping": ("a mapping", "一组键值"),
    "got.other": ("a value of another kind", "其他类型的值"),
    # values read in the forms people write (input_forms) and the values every field refuses (profile_types)
    "form.bare_percent": (
        "read {text} as {text}% ({read}); write {read} or {text}% to say so",
        "把 {text} 读作 {text}%（{read}）；如果就是这个意思，请写 {read} 或 {text}%",
    ),
    "form.decimal_comma": (
        "read {raw!r} as {decimal}; a comma groups thousands (1,500), a decimal point is '.'",
        "把 {raw!r} 读作 {decimal}；逗号用来分隔千位（1,500），小数点请写“.”",
    ),
    "form.not_number": (
        "{raw!r} is not a number; write a number such as {example}",
        "{raw!r} 不是数字；请写成 {example} 这样的数字",
    ),
    "form.example_fraction": ("0.3 or 30%", "0.3 或 30%"),
    "form.example_number": ("1200, 600万, 1.2亿 or 6,000,000", "1200、600万、1.2亿 或 6,000,000"),
    "form.not_number_plain": ("{raw!r} is not a number", "{raw!r} 不是数字"),
    "form.percent_here": (
        "{raw!r}: a percentage is a rate or share; here write the number itself",
        "{raw!r}：百分数只用于比率或占比；这里请直接写数值",
    ),
    "form.bare_percent_note": (
        "read {raw} as {value}% ({read}); write it with % to say so",
        "把 {raw} 读作 {value}%（{read}）；如果就是这个意思，请带上 % 写",
    ),
    "form.not_a_day": (
        "{raw!r} is not a day of the calendar (year {year}, month {month}, day {day}); write YYYY-MM-DD, for "
        "example 2027-03-01",
        "{raw!r} 不是日历上存在的日子（{year} 年 {month} 月 {day} 日）；请写成 YYYY-MM-DD，例如 2027-03-01",
    ),
    "form.no_such_day": (
        "{raw!r}: month {month} of {year} has no day {day} (it has {days} days)",
        "{raw!r}：{year} 年 {month} 月没有 {day} 日（这个月只有 {days} 天）",
    ),
    "value.not_date": (
        "{value!r} is not a date; write it as YYYY-MM-DD, for example 2027-03-01",
        "{value!r} 不是日期；请写成 YYYY-MM-DD，例如 2027-03-01",
    ),
    "value.date_range": (
        "{day} is out of range; dates in a plan run from {first} to {last}",
        "{day} 超出了范围；方案里的日期只能在 {first} 到 {last} 之间",
    ),
    "value.too_large": (
        "{what} too large; numbers in a profile are limited to ±{limit} (a thousand trillion)",
        "{what}太大了；档案里的数字不能超过 ±{limit}（一千万亿）",
    ),
    "value.too_small": (
        "{what} too small; write 0 or a number of at least {limit}",
        "{what}太小了；请写 0，或者不小于 {limit} 的数",
    ),
    "value.negative": (
        "{key!r} is {value}, but {label} cannot be below 0",
        "{key!r} 是 {value}，但{label}不能小于 0",
    ),
    "value.key_is": ("{key!r} is {value},", "{key!r} 是 {value}，"),
    "value.is": ("{value} is", "{value} "),
    # references and limits
    "ref.unknown_task": ("unknown task {ref!r}{hint}", "没有任务 {ref!r}{hint}"),
    "limit.timeline": (
        "the tasks leading up to and including this one take {days} days; a timeline may run at most {limit} days "
        "(50 years): shorten tasks or let them run side by side",
        "到这个任务为止（含）的任务链一共要 {days} 天；时间线最长 {limit} 天（50 年）：请缩短任务，或者让任务并行",
    ),
}


def lmsg(key: str, /, **params: object) -> str:
    """Return loader message ``key`` in the current language."""
    return say(LOAD, key, **params)


def yaml_problem(problem: str) -> str:
    """Say what libyaml's ``problem`` text means in our words (its text kept only for one we do not know)."""
    for key in LOAD:
        if key.startswith("yaml.p.") and problem.startswith(key[len("yaml.p.") :]):
            return lmsg(key)
    return lmsg("yaml.p.other", what=problem)


def did_you_mean(names: list[str]) -> str:
    """Return ``; did you mean 'a' or 'b'?`` in the current language (``""`` for no names)."""
    if not names:
        return ""
    return lmsg("did_you_mean", names=lmsg("or").join(repr(n) for n in names))


def one_of(expected: str) -> str:
    """Return pydantic's list of allowed values (``'a', 'b' or 'c'``) joined as the language joins a list."""
    return expected.replace("' or '", "' 或 '").replace(", ", "、") if is_zh() else expected
