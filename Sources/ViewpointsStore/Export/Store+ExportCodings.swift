import ViewpointsCore

extension Store {
    /// Every coder's codings as `statement,coder,code,stance,note`; a review with nothing applied is a row with
    /// an empty code, so the export imports back as it was.
    public func exportCodings(study: Study, _ body: ([String]) throws -> Void) throws {
        try body(["statement", "coder", "code", "stance", "note"])
        try connection.forEachRow(CodingQueries.exportCodings, [study.id], doing: "exporting codings") { row in
            try body(row.map { $0 ?? "" })
        }
    }

    /// The final coding as `statement,code,stance,basis`; returns how many pairs are unresolved (not exported).
    @discardableResult
    public func exportFinalCodings(study: Study, _ body: ([String]) throws -> Void) throws -> Int {
        try body(["statement", "code", "stance", "basis"])
        try connection.forEachRow(CodingQueries.exportFinal, [study.id], doing: "exporting the final coding") { row in
            try body(row.map { $0 ?? "" })
        }
        return try connection.query(CodingQueries.countUnresolved, [study.id], doing: "counting unresolved")
            .one(Int.self)
    }
}
