"""Charts for pages and reports alike: Vega-Lite specs and their offline drawing."""
