"""Publication log (发布记录): an append-only hash chain of every publish, unpublish, withdrawal and
reinstatement, so auditors can check that publish dates were set by the system and never altered
(检查指标: 伪造发稿日期 is a single-veto item)."""
