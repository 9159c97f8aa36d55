/// SQL for the codebook.
enum CodeQueries {
    static let all = """
        SELECT c.code_id, c.key, c.label, c.description, p.key, c.number, c.position
          FROM codes c LEFT JOIN codes p ON p.study_id = c.study_id AND p.code_id = c.parent_id
         WHERE c.study_id = $1 ORDER BY c.position, c.number
        """
    static let nextNumber = "SELECT next_code_number FROM studies WHERE study_id = $1"
    static let setNextNumber = "UPDATE studies SET next_code_number = $2 WHERE study_id = $1"
    static let insert = """
        INSERT INTO codes (study_id, key, label, description, parent_id, number, position)
        VALUES ($1, $2, $3, $4, (SELECT code_id FROM codes WHERE study_id = $1 AND key = $5), $6, $7)
        """
    static let update = """
        UPDATE codes SET label = $3, description = $4,
               parent_id = (SELECT code_id FROM codes WHERE study_id = $1 AND key = $5)
         WHERE study_id = $1 AND key = $2
        """
    static let setPosition = "UPDATE codes SET position = $3 WHERE study_id = $1 AND key = $2"
}
