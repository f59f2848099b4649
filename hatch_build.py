"""Wheel build hook: ship what opsplan's own code prepares ahead of a first run.

The templates compiled to Python (``opsplan.render.precompiled``), the JSON Schemas, the models' core schemas
(``opsplan.prepared_models``), the DOCX frames and the help pages read from the typer app (``opsplan.prepared``).
With all of them there, the installed opsplan runs its models in ``opsplan.modelkit``'s light mode, without
importing Pydantic, and answers ``--help`` without importing typer.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrecompileTemplates(BuildHookInterface):  # type: ignore[misc]
    """Add ``opsplan/_compiled_templates/`` and ``opsplan/_prepared/`` to a (non-editable) wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the templates, prepare the schemas, core schemas and DOCX frames with this source tree; add them."""
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from opsplan import prepared
            from opsplan.render import precompiled
        finally:
            sys.path.pop(0)
        templates = Path(tempfile.mkdtemp(prefix="opsplan-templates-"))
        precompiled.write_precompiled(templates)
        build_data["force_include"][str(templates)] = f"opsplan/{precompiled.FOLDER_NAME}"
        artefacts = Path(tempfile.mkdtemp(prefix="opsplan-prepared-"))
        prepared.write_prepared(artefacts)
        build_data["force_include"][str(artefacts)] = f"opsplan/{prepared.FOLDER_NAME}"
