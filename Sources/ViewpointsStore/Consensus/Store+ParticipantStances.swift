import ViewpointsCore

/// An exemplar statement for a proposition, for report writing.
public struct Quote: Sendable, Equatable {
    /// The statement reference (the researcher's id, or `P07:3`).
    public var statement: String
    public var pseudonym: String
    /// The statement's final stance on the proposition.
    public var stance: Int
    public var question: String
    /// The text as stored: pseudonymized and redacted on import.
    public var text: String
}

extension Store {
    /// One row per participant (pseudonym, attributes), one column per proposition: the rounded participant
    /// stance, or with `mean` the unrounded mean; empty when not addressed.
    public func exportMatrix(study: Study, mean: Bool, _ body: ([String]) throws -> Void) throws {
        let codes = try connection.query(ParticipantStanceQueries.propositions, [study.id], doing: "reading codes")
            .decode((String, String).self).map { (id: $0.0, key: $0.1) }
        let column = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1.id, $0) })
        var participants: [(pseudonym: String, attributes: [String: String], cells: [String])] = []
        for row in try connection.query(ParticipantStanceQueries.matrix, [study.id], doing: "exporting the matrix").rows
        {
            let (pseudonym, attributes, code) = try row.decode((String, String, String?).self)
            if participants.last?.pseudonym != pseudonym {
                participants.append(
                    (pseudonym, Store.decodeAttributes(attributes), Array(repeating: "", count: codes.count)))
            }
            if let code, let index = column[code] {
                participants[participants.count - 1].cells[index] = try row.decode(mean ? 4 : 3, as: String?.self) ?? ""
            }
        }
        let names = Set(participants.flatMap(\.attributes.keys)).sorted()
        try body(["pseudonym"] + names + codes.map(\.key))
        for p in participants { try body([p.pseudonym] + names.map { p.attributes[$0] ?? "" } + p.cells) }
    }

    /// Up to `limit` exemplar statements for proposition `code`: each participant's strongest statement coded
    /// with it (with `position`, only statements whose final stance has that sign), strongest first.
    public func quotes(study: Study, code: String, position: ParticipantStance.Position?, limit: Int)
        throws(StoreError) -> [Quote]
    {
        let found = try proposition(.key(code), study: study)
        return try connection.query(
            ParticipantStanceQueries.quotes, [study.id, found.id, position?.rawValue, String(limit)],
            doing: "finding quotes for \(code)"
        ).decode((String, String, Int, String, String).self).map {
            Quote(statement: $0.0, pseudonym: $0.1, stance: $0.2, question: $0.3, text: $0.4)
        }
    }
}
