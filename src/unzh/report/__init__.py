"""Reports (a front door): run the notebooks headless on any document or corpus.

Owns: notebooks (run_report: papermill, HTML, processed texts), narrative (seed_note: the seed's
hand-written commentary, for the seed alone; the computed sentences that belong to no one stage, such
as what cleaning changed).

May import: every stage below it; never unzh.cli.
"""
from unzh._exports import lazy

_EXPORTS = {
    "NOTEBOOKS": "notebooks",
    "ReportResult": "notebooks",
    "TEACHING_PARAMETERS": "notebooks",
    "check_teaching_parameters": "notebooks",
    "available_notebooks": "notebooks",
    "check_seed_note": "narrative",
    "NotebookLexicons": "lexicons",
    "notebook_lexicons": "lexicons",
    "seed_note": "narrative",
    "cleaning_changes": "narrative",
    "cleaning_example": "narrative",
    "describe_cleaning": "narrative",
    "describe_audit": "narrative",
    "most_changed": "narrative",
    "run_report": "notebooks",
    "write_processed": "notebooks",
}

__getattr__, __dir__, __all__ = lazy(__name__, _EXPORTS)
