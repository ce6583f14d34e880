"""Pure rules: no I/O, no Qt, so forms, imports, exports and the CLI all judge data alike."""
