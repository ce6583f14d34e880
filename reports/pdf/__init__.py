"""PDF documents (ReportLab): GB/T 9704 notices from templates, with embedded Chinese fonts.

- `templates`: list, load and fill the notice templates of `resources/templates/` (no ReportLab).
- `notice`: `build_notice`, a filled template as a PDF.
- `page`: the page engine: the type block, the character grid, red header, page numbers.
- `linebreak`: line breaking that never starts a line with `，` (pure Python).
- `fonts`: which Chinese font each role uses, registered with ReportLab.
- `official`: 发文字号 and date conventions.
"""
