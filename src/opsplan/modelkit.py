"""What opsplan's model modules declare their models with: Pydantic's, or the light mode's over prepared schemas.

Every validator and serializer of opsplan's models is pydantic-core's, built from a core schema. A wheel ships
those schemas prepared (``opsplan.prepared_models``), and then Pydantic itself (about 65 ms of imports and 25 ms
of class set-up in every new process) has nothing left to do. So at its import this module decides once:

* light mode, when the wheel's prepared file of every family of models and every shipped JSON Schema is there
  for this Pydantic and this source (``prepared_models.light_ready``, which reads files and imports nothing): the
  names below are ``opsplan.modelkit_light``'s, plain classes completed from the prepared schemas;
* otherwise (a checkout, an editable install, another Pydantic, an edited model) Pydantic's own, as before.

``OPSPLAN_NO_LIGHT=1`` (any value but empty) chooses Pydantic whatever is shipped: the test suite runs so, since its
own checks need Pydantic itself (JSON Schemas computed, test models declared on Pydantic's ``BaseModel``), and
``tests/test_modelkit_light.py`` compares the two modes command by command.

Validation, its errors and every message are the same either way; the tests check it. What needs Pydantic itself
(writing the prepared files, a JSON Schema nothing ships) runs in a process where this module chose Pydantic.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

from opsplan.prepared_models import light_ready

NO_LIGHT = "OPSPLAN_NO_LIGHT"
LIGHT = not TYPE_CHECKING and not os.environ.get(NO_LIGHT) and light_ready()

if TYPE_CHECKING or not LIGHT:  # mypy (and its pydantic plugin) sees Pydantic's names in both modes
    from pydantic import (
        AfterValidator,
        BaseModel,
        BeforeValidator,
        ConfigDict,
        Field,
        SkipValidation,
        ValidationError,
        ValidationInfo,
        field_validator,
        model_validator,
    )
else:
    from opsplan.modelkit_light import (
        AfterValidator,
        BaseModel,
        BeforeValidator,
        Field,
        SkipValidation,
        ValidationError,
        field_validator,
        model_validator,
    )

    ConfigDict = dict
    ValidationInfo = object  # only ever the annotation of a validator's ``info`` (pydantic-core's is a Protocol)

__all__ = [
    "LIGHT",
    "NO_LIGHT",
    "AfterValidator",
    "BaseModel",
    "BeforeValidator",
    "ConfigDict",
    "Field",
    "SkipValidation",
    "ValidationError",
    "ValidationInfo",
    "field_validator",
    "model_validator",
]
