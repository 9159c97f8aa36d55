/// SQL for consensus: the tallies of 0003_consensus.sql and what the command checks around them.
enum ConsensusQueries {
    /// $1 study, $2 attribute to break down by (or NULL), $3 and $4 the `--where` attribute and value (or NULL).
    static let tallies = """
        SELECT code, label, theme, is_theme, grp, participants, addressed, stance_m2, stance_m1, stance_0,
               stance_p1, stance_p2, participants_unresolved
          FROM consensus_tallies($1, $2, $3, $4)
        """
    static let coverage = "SELECT statements, reviewed, coverage FROM study_coverage WHERE study_id = $1"
    static let unresolvedPairs = """
        SELECT count(*) FROM final_decisions WHERE study_id = $1 AND basis = 'unresolved'
        """
    static let attributeKeys = """
        SELECT DISTINCT jsonb_object_keys(attributes) FROM participants WHERE study_id = $1 ORDER BY 1
        """
    static let codeKind = "SELECT parent_id IS NULL FROM codes WHERE study_id = $1 AND key = $2"
}
