"""Scores of the workbook's methods against hand-labelled development sets (tests/devsets/)."""
