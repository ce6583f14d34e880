"""Dialogs for longer tasks: importing ledgers, and later printing batches."""
