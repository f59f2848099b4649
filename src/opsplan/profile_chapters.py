"""The profile's ``sections``: free text added to a kind's chapter, or a chapter of the user's own."""

from opsplan.modelkit import Field
from opsplan.profile_types import Ident, Model, Text


class SectionText(Model):
    """Free text added to a chapter."""

    title: Text | None = Field(
        None,
        min_length=1,
        max_length=80,
        description="A title replacing the chapter's own, for example 品牌建设与IP打造.",
    )
    intro: Text = Field("", description="A paragraph placed at the start of the chapter.")
    notes: list[Text] = Field(default_factory=list, description="Further paragraphs at the end of the chapter.")
    after: Ident | None = Field(
        None,
        description="A chapter of your own: the chapter it follows (a kind's chapter key such as content, or "
        "another of your own); its key under sections is its id.",
    )
    body: Text | None = Field(
        None,
        description="A chapter of your own: its text in Markdown (paragraphs, lists, tables, ### sections, "
        "**bold**), references such as ${shop.name} allowed.",
    )
