//! Beside the pipeline: comparing documents and guideline versions (新旧対照表).
