"""Small input widgets that speak the core's plain values (None, int hundredths, codes)."""
