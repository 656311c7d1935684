//! Projects' tickets and their photos, always within one company (and project).

use rusqlite::{Connection, OptionalExtension, params};

/// A ticket as stored (times in seconds since the epoch).
#[derive(Clone, Debug, PartialEq)]
pub struct Ticket {
    pub id: i64,
    pub project_id: i64,
    pub title: String,
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
}

/// Ticket `id` of that project of that company.
pub fn get(
    conn: &Connection,
    company_id: i64,
    project_id: i64,
    id: i64,
) -> rusqlite::Result<Option<Ticket>> {
    conn.query_row(
        "SELECT id, project_id, title, status, created_at, updated_at FROM tickets WHERE company_id = ?1 AND project_id = ?2 AND id = ?3",
        params![company_id, project_id, id],
        |r| {
            Ok(Ticket {
                id: r.get(0)?,
                project_id: r.get(1)?,
                title: r.get(2)?,
                status: r.get(3)?,
                created_at: r.get(4)?,
                updated_at: r.get(5)?,
            })
        },
    )
    .optional()
}

pub fn insert(
    conn: &Connection,
    company_id: i64,
    project_id: i64,
    title: &str,
    status: &str,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO tickets (company_id, project_id, title, status, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![company_id, project_id, title, status, now],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Change what is given; the ticket's `updated_at` in any case.
pub fn update(
    conn: &Connection,
    company_id: i64,
    project_id: i64,
    id: i64,
    title: Option<&str>,
    status: Option<&str>,
    now: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "UPDATE tickets SET title = COALESCE(?1, title), status = COALESCE(?2, status), updated_at = ?3
         WHERE id = ?4 AND company_id = ?5 AND project_id = ?6",
        params![title, status, now, id, company_id, project_id],
    )?;
    Ok(())
}

/// Delete the ticket and its photos.
pub fn delete(
    conn: &Connection,
    company_id: i64,
    project_id: i64,
    id: i64,
) -> rusqlite::Result<()> {
    conn.execute(
        "DELETE FROM photos WHERE ticket_id IN
         (SELECT id FROM tickets WHERE id = ?1 AND company_id = ?2 AND project_id = ?3)",
        params![id, company_id, project_id],
    )?;
    conn.execute(
        "DELETE FROM tickets WHERE id = ?1 AND company_id = ?2 AND project_id = ?3",
        params![id, company_id, project_id],
    )?;
    Ok(())
}

/// Attach a photo to the ticket (which the caller found in this company); its id.
pub fn add_photo(
    conn: &Connection,
    company_id: i64,
    ticket_id: i64,
    filename: &str,
    now: i64,
) -> rusqlite::Result<i64> {
    conn.execute(
        "INSERT INTO photos (ticket_id, filename, created_at)
         SELECT id, ?2, ?3 FROM tickets WHERE id = ?1 AND company_id = ?4",
        params![ticket_id, filename, now, company_id],
    )?;
    Ok(conn.last_insert_rowid())
}
