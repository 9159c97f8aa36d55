import ViewpointsCore

extension Store {
    /// The coders with at least one review, by name: whom `reliability` compares by default.
    public func reviewingCoders(study: Study) throws(StoreError) -> [String] {
        try connection.query(ReliabilityQueries.reviewingCoders, [study.id], doing: "listing reviewing coders").rows
            .map { $0[0]! }
    }

    /// Each of `coders`' decisions on every proposition (or those of `code`, a proposition or theme key) of the
    /// statements at least two of them reviewed, where their review covers the proposition; in codebook order.
    public func reliabilityDecisions(study: Study, coders: [String], code: String?) throws(StoreError)
        -> [CodingDecision]
    {
        var ids: [String] = []
        for name in coders { ids.append(try coder(named: name, study: study).id) }
        if let code { try requireCode(key: code, study: study) }
        return try connection.query(
            ReliabilityQueries.decisions, [study.id, "{" + ids.joined(separator: ",") + "}", code],
            doing: "reading coders' decisions for reliability"
        ).rows.map { row in
            CodingDecision(
                statement: row[0]!, participant: row[1]!, theme: row[2]!, proposition: row[3]!, coder: row[4]!,
                stance: row[5].flatMap { Int($0) })
        }
    }

    /// Refuses a code key the codebook does not have, suggesting the closest one.
    func requireCode(key: String, study: Study) throws(StoreError) {
        guard
            try connection.query(ReliabilityQueries.codeKey, [study.id, key], doing: "looking up code \(key)").rows
                .isEmpty
        else { return }
        let known = try connection.query(ReliabilityQueries.codeKeys, [study.id], doing: "listing codes").rows.map {
            $0[0]!
        }
        let hint =
            Suggestion.closest(to: key, in: known).map { "did you mean '\($0)'?" }
            ?? "see the codebook with `viewpoints export codebook`"
        throw StoreError(.notFound, "no code '\(key)' in study \(study.slug)", hint: hint)
    }
}
