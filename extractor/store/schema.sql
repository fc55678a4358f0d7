-- jixiao batch output as normalized tables: ONE DDL for SQLite and PostgreSQL.
--
-- Portable SQL only: CREATE TABLE/INDEX IF NOT EXISTS, TEXT/INTEGER types,
-- composite primary keys, foreign keys to reports(sha256). The loaders drop
-- the comments and split the rest on semicolons.
--
-- Amounts, rates, scores and every other figure are TEXT holding the exact
-- decimal string of the contract's flat view (e.g. '44060900', '96.41').
-- Why TEXT and not NUMERIC: in SQLite a NUMERIC column converts '96.41' to a
-- binary float (REAL), which is exactly what jixiao never does with amounts.
-- TEXT is exact in both databases. Compare and sum with a cast, e.g.
--   CAST(b.execution_rate AS NUMERIC) < 90
-- (exact NUMERIC in PostgreSQL; REAL in SQLite, fine for filtering).
--
-- Re-loading a report replaces its rows (delete by sha256, then insert), so
-- loading the same OUTDIR twice gives the same tables.

CREATE TABLE IF NOT EXISTS reports (
  sha256          TEXT PRIMARY KEY,          -- SHA-256 of the file's bytes
  file            TEXT NOT NULL,             -- first file name it was read from
  format          TEXT NOT NULL,             -- text | pdf | docx
  encoding        TEXT,
  pages           INTEGER,
  kind            TEXT,                      -- department_overall | project | unknown
  fiscal_year     INTEGER,
  unit_name       TEXT,
  department      TEXT,
  project_name    TEXT,
  filled_on       TEXT,                      -- ISO date
  title           TEXT,
  total_score     TEXT,                      -- decimal string
  grade           TEXT,
  total_weight    TEXT,                      -- decimal string
  staff_authorized TEXT,
  staff_actual    TEXT,
  indicators_count INTEGER NOT NULL DEFAULT 0,
  errors_count    INTEGER NOT NULL DEFAULT 0,   -- findings of severity error
  warnings_count  INTEGER NOT NULL DEFAULT 0,   -- findings of severity warning
  infos_count     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS reports_kind_year ON reports (kind, fiscal_year);
CREATE INDEX IF NOT EXISTS reports_unit ON reports (unit_name);

-- One row per report, one column per budget.* flat key (dots to underscores).
CREATE TABLE IF NOT EXISTS budget (
  sha256                     TEXT PRIMARY KEY REFERENCES reports (sha256),
  initial                    TEXT,
  adjusted                   TEXT,
  executed                   TEXT,
  execution_rate             TEXT,
  adjustment                 TEXT,
  adjustment_rate            TEXT,
  execution_weight           TEXT,
  execution_score            TEXT,
  source_superior            TEXT,
  source_own                 TEXT,
  source_other               TEXT,
  funds_current_initial      TEXT,
  funds_current_adjusted     TEXT,
  funds_current_executed     TEXT,
  funds_carryover_initial    TEXT,
  funds_carryover_adjusted   TEXT,
  funds_carryover_executed   TEXT,
  funds_other_initial        TEXT,
  funds_other_adjusted       TEXT,
  funds_other_executed       TEXT,
  fiscal_initial             TEXT,
  fiscal_annual              TEXT,
  fiscal_final               TEXT,
  basic_budget               TEXT,
  basic_executed             TEXT,
  basic_execution_rate       TEXT,
  basic_personnel            TEXT,
  basic_public               TEXT,
  project_count              TEXT,
  project_budget             TEXT,
  project_executed           TEXT,
  project_superior_count     TEXT,
  project_superior_budget    TEXT,
  project_superior_executed  TEXT,
  project_own_count          TEXT,
  project_own_budget         TEXT,
  project_own_executed       TEXT
);

-- Performance indicators, numbered from 1 in report order (indicators.N.* flat keys).
CREATE TABLE IF NOT EXISTS indicators (
  sha256           TEXT NOT NULL REFERENCES reports (sha256),
  idx              INTEGER NOT NULL,
  name             TEXT,
  level1           TEXT,
  level2           TEXT,
  target_op        TEXT,
  target           TEXT,
  unit             TEXT,
  midyear          TEXT,
  actual           TEXT,
  completion_rate  TEXT,
  weight           TEXT,
  score            TEXT,
  met              TEXT,                     -- 'true' | 'false'
  deviation_reason TEXT,
  improvement      TEXT,
  page             INTEGER,
  line             INTEGER,
  span_start       INTEGER,                  -- offsets into the document text
  span_end         INTEGER,
  PRIMARY KEY (sha256, idx)
);
CREATE INDEX IF NOT EXISTS indicators_name ON indicators (name);

-- The validator's findings, numbered from 1 (findings.N.* flat keys).
CREATE TABLE IF NOT EXISTS findings (
  sha256         TEXT NOT NULL REFERENCES reports (sha256),
  idx            INTEGER NOT NULL,
  rule           TEXT NOT NULL,
  severity       TEXT NOT NULL,              -- error | warning | info
  message_zh     TEXT,
  message_en     TEXT,
  facts          TEXT,                       -- JSON list of the values used and their spans
  computed_low   TEXT,
  computed_high  TEXT,
  reported_low   TEXT,
  reported_high  TEXT,
  PRIMARY KEY (sha256, idx)
);
CREATE INDEX IF NOT EXISTS findings_rule ON findings (rule, severity);

-- Other numbers met in the narrative (宣讲 19 场).
CREATE TABLE IF NOT EXISTS quantities (
  sha256      TEXT NOT NULL REFERENCES reports (sha256),
  idx         INTEGER NOT NULL,
  label       TEXT,
  value       TEXT,                          -- decimal string
  unit        TEXT,
  kind        TEXT,
  raw         TEXT,
  section     TEXT,
  page        INTEGER,
  line        INTEGER,
  span_start  INTEGER,
  span_end    INTEGER,
  PRIMARY KEY (sha256, idx)
);
CREATE INDEX IF NOT EXISTS quantities_label ON quantities (label);

-- Every input file: read into a report (report_sha256 set) or an error row.
CREATE TABLE IF NOT EXISTS files (
  file           TEXT PRIMARY KEY,
  sha256         TEXT,                       -- of the bytes, also for failed files
  report_sha256  TEXT REFERENCES reports (sha256),
  status         TEXT NOT NULL,              -- ok | error
  stage          TEXT,                       -- for errors: discover | read | extract | validate
  error_kind     TEXT,
  message        TEXT
);
CREATE INDEX IF NOT EXISTS files_report ON files (report_sha256);
CREATE INDEX IF NOT EXISTS files_sha ON files (sha256);
