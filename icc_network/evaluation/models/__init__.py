"""Models of the evaluation area: perception surveys, and results-based accountability."""

from .accountability import (
    Measure,
    MeasureRun,
    MeasureValue,
    Result,
    StrategyProgramme,
    WorksheetLink,
)
from .surveys import (
    Survey,
    SurveyAnswer,
    SurveyDistrict,
    SurveyRespondent,
    SurveyStatement,
    SurveyTally,
    SurveyWave,
    SurveyWaveTotal,
)

__all__ = [
    "Measure", "MeasureRun", "MeasureValue", "Result", "StrategyProgramme", "Survey", "SurveyAnswer",
    "SurveyDistrict", "SurveyRespondent", "SurveyStatement", "SurveyTally", "SurveyWave", "SurveyWaveTotal",
    "WorksheetLink",
]
