import ViewpointsCore

extension Store {
    /// The coders with at least one review, by name: whom `reliability` compares by default. Only for an owner or
    /// a lead of the study.
    public func reviewingCoders(study: Study) throws(StoreError) -> [String] {
        try requireLead(study: study, for: "reliability")
        return try connection.query(ReliabilityQueries.reviewingCoders, [study.id], doing: "listing reviewing coders")
            .column(0, as: String.self)
    }

    /// Each of `coders`' decisions on every proposition (or those of `code`, a proposition or theme key) of the
    /// statements at least two of them reviewed, where their review covers the proposition; in codebook order.
    /// Only for an owner or a lead of the study.
    public func reliabilityDecisions(study: Study, coders: [String], code: String?) throws(StoreError)
        -> [CodingDecision]
    {
        try requireLead(study: study, for: "reliability")
        var ids: [String] = []
        for name in coders { ids.append(try coder(named: name, study: study).id) }
        if let code { try requireCode(key: code, study: study) }
        return try connection.query(
            ReliabilityQueries.decisions, [study.id, "{" + ids.joined(separator: ",") + "}", code],
            doing: "reading coders' decisions for reliability"
        ).decode((String, String, String, String, String, Int?).self).map {
            CodingDecision(
                statement: $0.0, participant: $0.1, theme: $0.2, proposition: $0.3, coder: $0.4, stance: $0.5)
        }
    }

    /// Refuses a code key the codebook does not have, suggesting the closest one.
    func requireCode(key: String, study: Study) throws(StoreError) {
        guard
            try connection.query(ReliabilityQueries.codeKey, [study.id, key], doing: "looking up code \(key)").rows
                .isEmpty
        else { return }
        let known = try connection.query(ReliabilityQueries.codeKeys, [study.id], doing: "listing codes").column(
            0, as: String.self)
        let suggestion = Suggestion.closest(to: key, in: known)
        throw StoreError(
            .notFound, "no code '\(key)' in study \(study.slug)", hint: suggestion.map { "did you mean '\($0)'?" },
            reason: .noSuchCode(suggestion: suggestion))
    }
}
