"""Output formats, one module each: text, json, sarif, junit, github, html."""
