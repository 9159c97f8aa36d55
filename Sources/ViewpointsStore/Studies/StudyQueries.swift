/// SQL for studies.
enum StudyQueries {
    static let insert = """
        INSERT INTO studies (slug, title, key_fingerprint) VALUES ($1, $2, $3)
        RETURNING study_id
        """
    static let bySlug = """
        SELECT study_id, slug, title, key_fingerprint, pseudonym_width FROM studies WHERE slug = $1
        """
    static let all = """
        SELECT study_id, slug, title, key_fingerprint, pseudonym_width FROM studies ORDER BY slug
        """
    static let overview = """
        SELECT s.slug, s.title,
               (SELECT count(*) FROM participants p WHERE p.study_id = s.study_id),
               (SELECT count(*) FROM statements t WHERE t.study_id = s.study_id),
               (SELECT count(*) FROM codes c WHERE c.study_id = s.study_id),
               (SELECT count(*) FROM coders k WHERE k.study_id = s.study_id),
               to_char(s.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')
          FROM studies s ORDER BY s.slug
        """
    static let delete = "DELETE FROM studies WHERE slug = $1"
    static let lockForImport = "SELECT pseudonym_width FROM studies WHERE study_id = $1 FOR UPDATE"
}
