"""``opsplan check``: rules on profiles and plan documents, findings and reporters."""
