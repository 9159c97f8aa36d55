/// SQL for `export project`: what the REFI-QDA project holds beyond the other exports' queries.
enum ProjectQueries {
    static let coders = "SELECT name FROM coders WHERE study_id = $1 ORDER BY name"
    static let adjudications = """
        SELECT r.reference, k.name, c.key, a.stance::text
          FROM adjudications a
          JOIN statement_refs r ON r.study_id = a.study_id AND r.statement_id = a.statement_id
          JOIN participants p ON p.study_id = r.study_id AND p.participant_id = r.participant_id
          JOIN coders k ON k.study_id = a.study_id AND k.coder_id = a.lead_id
          JOIN codes c ON c.study_id = a.study_id AND c.code_id = a.code_id
         WHERE a.study_id = $1
         ORDER BY p.number, r.seq, c.position, c.number
        """
}
