//! A company's name and projects, always by company id.

use rusqlite::{Connection, OptionalExtension, params};

pub fn company_name(conn: &Connection, company_id: i64) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT name FROM companies WHERE id = ?1",
        [company_id],
        |r| r.get(0),
    )
    .optional()
}

/// How many projects the company has, and one page of them: (id, name).
pub fn page(
    conn: &Connection,
    company_id: i64,
    limit: u64,
    offset: u64,
) -> rusqlite::Result<(u64, Vec<(i64, String)>)> {
    let total: i64 = conn.query_row(
        "SELECT COUNT(*) FROM projects WHERE company_id = ?1",
        [company_id],
        |r| r.get(0),
    )?;
    let items = conn
        .prepare_cached(
            "SELECT id, name FROM projects WHERE company_id = ?1 ORDER BY id LIMIT ?2 OFFSET ?3",
        )?
        .query_map(params![company_id, limit as i64, offset as i64], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?
        .collect::<Result<Vec<_>, _>>()?;
    Ok((total as u64, items))
}

/// The name of project `project_id` of the company.
pub fn name(
    conn: &Connection,
    company_id: i64,
    project_id: i64,
) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT name FROM projects WHERE id = ?1 AND company_id = ?2",
        params![project_id, company_id],
        |r| r.get(0),
    )
    .optional()
}

/// Does project `project_id` belong to `company_id`?
pub fn exists(conn: &Connection, company_id: i64, project_id: i64) -> rusqlite::Result<bool> {
    conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM projects WHERE id = ?1 AND company_id = ?2)",
        params![project_id, company_id],
        |r| r.get(0),
    )
}
