import ViewpointsCore

/// A statement and code where reviewing coders differ, or whose adjudication went stale.
public struct Disagreement: Sendable, Equatable {
    public var statement: String
    public var code: String
    /// `open` or `stale`.
    public var status: String
    /// Each reviewing coder's decision, `name=stance` or `name=absent`.
    public var decisions: String
    /// The stale adjudication's decision (empty when open).
    public var adjudication: String
}

/// What `progress` shows.
public struct CodingProgress: Sendable, Equatable {
    public struct Coder: Sendable, Equatable {
        public var name: String
        public var reviewed: Int
        public var statements: Int
        public var codings: Int
    }

    public struct Overlap: Sendable, Equatable {
        public var first: String
        public var second: String
        public var statements: Int
    }

    public var coders: [Coder]
    public var overlap: [Overlap]
    public var open: Int
    public var stale: Int
}

extension Store {
    /// Open disagreements (among `coders` when given) and stale adjudications, in study and codebook order.
    /// Only for an owner or a lead of the study.
    public func disagreements(study: Study, coders: [String]?) throws(StoreError) -> [Disagreement] {
        try requireLead(study: study, for: "disagreements")
        var names: String?
        if let coders {
            for name in coders { _ = try coder(named: name, study: study) }
            names = "{" + coders.map { "\"\($0)\"" }.joined(separator: ",") + "}"
        }
        return try connection.query(ReviewQueries.disagreements, [study.id, names], doing: "listing disagreements")
            .decode((String, String, String, String, String).self).map {
                Disagreement(statement: $0.0, code: $0.1, status: $0.2, decisions: $0.3, adjudication: $0.4)
            }
    }

    /// Adjudicates every open or stale disagreement `coder` took part in with that coder's decision; returns how many.
    public func acceptDecisions(study: Study, lead: String, coder: String) throws(StoreError) -> Int {
        let lead = try self.coder(named: lead, study: study)
        let accepted = try self.coder(named: coder, study: study)
        return try connection.transaction(doing: "accepting \(coder)'s decisions") { () throws(StoreError) in
            try connection.query(StudyQueries.lockForImport, [study.id], doing: "locking the study")
            return try connection.query(
                ReviewQueries.accept, [study.id, lead.id, accepted.id], doing: "accepting \(coder)'s decisions"
            ).affected
        }
    }

    /// Per coder statements reviewed and codings; statements reviewed by each pair; open and stale disagreements.
    public func progress(study: Study) throws(StoreError) -> CodingProgress {
        let coders = try connection.query(ReviewQueries.progressCoders, [study.id], doing: "reading progress")
            .decode((String, Int, Int, Int).self).map {
                CodingProgress.Coder(name: $0.0, reviewed: $0.1, statements: $0.2, codings: $0.3)
            }
        let overlap = try connection.query(ReviewQueries.overlap, [study.id], doing: "reading overlap")
            .decode((String, String, Int).self).map {
                CodingProgress.Overlap(first: $0.0, second: $0.1, statements: $0.2)
            }
        let (open, stale) = try connection.query(
            ReviewQueries.disagreementCounts, [study.id], doing: "counting disagreements"
        ).one().decode((Int, Int).self)
        return CodingProgress(coders: coders, overlap: overlap, open: open, stale: stale)
    }
}

extension Store {
    /// A statement's pseudonym, question and text, for showing it to the lead.
    public func statementText(study: Study, reference: String) throws(StoreError) -> (
        pseudonym: String, question: String?, text: String
    ) {
        let target = try statement(reference: reference, study: study)
        guard
            let row = try connection.query(
                SessionQueries.statement, [study.id, target.id], doing: "reading a statement"
            )
            .rows.first
        else { throw StoreError(.notFound, "statement \(reference) was deleted") }
        let (_, pseudonym, _, question, text) = try row.decode((String, String, String, String?, String).self)
        return (pseudonym, question, text)
    }
}
