import ViewpointsCore

extension Store {
    /// Adds a coder to the study; returns false when the name is already there.
    @discardableResult
    public func addCoder(name: String, study: Study) throws(StoreError) -> Bool {
        guard Slug.isValidCoderName(name) else {
            throw StoreError(
                .usage, "coder name '\(name)' is not valid",
                hint: "use letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. coder-a)")
        }
        return try !connection.query(CodingQueries.insertCoder, [study.id, name], doing: "adding coder \(name)").rows
            .isEmpty
    }

    /// The study's coders with how much each has done.
    public func coders(study: Study) throws(StoreError) -> [CoderOverview] {
        try connection.query(CodingQueries.coderOverview, [study.id], doing: "listing coders")
            .decode((String, Int, Int, String).self).map {
                CoderOverview(name: $0.0, statementsReviewed: $0.1, codings: $0.2, createdAt: $0.3)
            }
    }

    /// The coder with this name; an unknown name is refused with the closest known one (typo protection).
    public func coder(named name: String, study: Study) throws(StoreError) -> StoredCoder {
        if let row = try connection.query(
            CodingQueries.coderByName, [study.id, name], doing: "looking up coder \(name)"
        )
        .rows.first {
            let (id, name) = try row.decode((String, String).self)
            return StoredCoder(id: id, name: name)
        }
        let known = try connection.query(CodingQueries.coderNames, [study.id], doing: "listing coders").column(
            0, as: String.self)
        let suggestion = Suggestion.closest(to: name, in: known)
        throw StoreError(
            .notFound, "no coder '\(name)' in study \(study.slug)", hint: suggestion.map { "did you mean '\($0)'?" },
            reason: .noSuchCoder(name: name, study: study.slug, known: known, suggestion: suggestion))
    }
}
