"""Excel ledgers in and out (openpyxl): tolerant reading, templates, exports, error workbooks."""
