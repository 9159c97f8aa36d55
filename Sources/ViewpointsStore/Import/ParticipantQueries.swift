/// SQL for participants.
enum ParticipantQueries {
    static let all = """
        SELECT participant_id, pseudonym, number, encode(digest, 'hex'), attributes::text
          FROM participants WHERE study_id = $1 ORDER BY number
        """
    static let copyIn = "COPY participants (study_id, pseudonym, number, digest, attributes) FROM STDIN"
    static let createCopyStage = """
        CREATE TEMP TABLE import_participants_copy ON COMMIT DROP AS
        SELECT study_id, pseudonym, number, digest, attributes FROM participants WITH NO DATA
        """
    static let copyIntoStage = "COPY import_participants_copy FROM STDIN"
    static let insertFromCopyStage = """
        INSERT INTO participants (study_id, pseudonym, number, digest, attributes)
        SELECT study_id, pseudonym, number, digest, attributes FROM import_participants_copy
        """
    static let updateAttributes = """
        UPDATE participants SET attributes = $3::jsonb WHERE study_id = $1 AND participant_id = $2
        """
    static let setWidth = "UPDATE studies SET pseudonym_width = $2 WHERE study_id = $1"
    static let export = """
        SELECT pseudonym, attributes::text FROM participants WHERE study_id = $1 ORDER BY number
        """
}
