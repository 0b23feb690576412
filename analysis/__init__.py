"""The coverage workbook: compare how news outlets covered the same story.

The package is organised as small modules, one job each:

- :mod:`analysis.paths`     where the project, the story folder and the output folder are;
- :mod:`analysis.story.loading`   read a story folder (manifest + pasted articles) into tidy tables;
- :mod:`analysis.story.cleaning`  give every raw line one role and the reason for it (lossless);
- :mod:`analysis.app.cli`       ``python -m analysis ...``.

Every public function takes and returns pandas DataFrames with stable snake_case columns.
"""

__version__ = "0.1.0"
