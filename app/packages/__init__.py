"""Packages upward (`.wypkg`, DESIGN.md): keys, onboarding, export, import, merge, receipts.

Single-writer replication plus fan-in: every row has one owning office, so a package only
carries full row states, and any order of the same packages gives the same database.
"""
