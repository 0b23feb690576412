"""Charts: each figure as a data function and a drawing function, one style (figures)."""
