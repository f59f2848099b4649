"""Wheel build hook: ship opsplan's templates compiled to Python (see ``opsplan.render.precompiled``)."""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class PrecompileTemplates(BuildHookInterface):  # type: ignore[misc]
    """Compile the packaged templates into ``opsplan/_compiled_templates/`` of a (non-editable) wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile the templates with the source tree's own environment and add them to the wheel."""
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from opsplan.render.precompiled import FOLDER_NAME, write_precompiled
        finally:
            sys.path.pop(0)
        target = Path(tempfile.mkdtemp(prefix="opsplan-templates-"))
        write_precompiled(target)
        build_data["force_include"][str(target)] = f"opsplan/{FOLDER_NAME}"
