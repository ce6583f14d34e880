"""Record forms: widgets gather plain values, services validate and save."""
