"""Documents in and out: PDF (ReportLab) and Excel (openpyxl). May import app, never ui."""
