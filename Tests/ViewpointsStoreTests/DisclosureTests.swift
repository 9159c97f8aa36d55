import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// A panel built for the differencing attack of issue 14: 25 participants; the target p25 is alone in sector
/// think_tank (agency 15, bank 9) and in region north with the whole agency sector (north 16 = agency + p25, south 9 =
/// bank), so `north − agency` is the target's row; `desk` (main 22, side 2, solo 1) is the issue's case where the small
/// groups together hold fewer than K. Forty propositions; on each the target holds a known stance or none.
final class DifferencingWorld {
    let db: TestDatabase
    let store: Store
    let study: Study
    let files = TestFiles()
    let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 36)
    var analyst: String { "analyst_\(suffix)" }
    var lead: String { "lead_\(suffix)" }
    static let propositions = 40
    /// The target's stance on proposition i: −2 … 2, or nil (not addressed).
    static func target(_ i: Int) -> Int? { [-2, -1, 0, 1, 2, nil][i % 6] }

    init() throws {
        db = try TestDatabase()
        store = try db.store()
        study = try store.createStudy(slug: "panel", title: "").study
        var participants = "participant,sector,region,desk\n"
        var statements = "id,participant,text\n"
        for n in 1...25 {
            let sector = n <= 15 ? "agency" : n <= 24 ? "bank" : "think_tank"
            let region = n <= 15 || n == 25 ? "north" : "south"
            let desk = n <= 22 ? "main" : n <= 24 ? "side" : "solo"
            participants += String(format: "p%02d,%@,%@,%@\n", n, sector, region, desk)
            statements += String(format: "S%02d,p%02d,statement %d\n", n, n, n)
        }
        var codebook = "key,label,description,parent\nt,T,,\n"
        var codings = "statement,coder,code,stance\n"
        var seed: UInt64 = 20_261_202
        for i in 0..<DifferencingWorld.propositions {
            let key = String(format: "t.c%02d", i)
            codebook += "\(key),C\(i),,t\n"
            for n in 1...25 {
                var stance: Int?
                if n == 25 {
                    stance = DifferencingWorld.target(i)
                } else {
                    seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    let draw = Int(seed >> 33) % 8
                    stance = draw < 5 ? draw - 2 : nil
                }
                if let stance { codings += String(format: "S%02d,coder-a,%@,%d\n", n, key, stance) }
            }
        }
        _ = try store.importParticipants(path: files.write("p.csv", participants), study: study, options: .init())
        var options = StatementImportOptions()
        options.participantsPath = files.write("p2.csv", participants)
        _ = try store.importStatements(path: files.write("s.csv", statements), study: study, options: options)
        _ = try store.importCodebook(path: files.write("c.csv", codebook), study: study, options: .init())
        _ = try store.importCodings(path: files.write("g.csv", codings), study: study, options: .init())
        _ = try store.setUpRoles()
        for login in [analyst, lead] { _ = try store.addLogin(login) }
        try store.grant(study: study, role: .analyst, login: analyst, coder: nil)
        try store.grant(study: study, role: .lead, login: lead, coder: nil)
    }

    /// A connection as `login`, as psql would have it (the test cluster trusts 127.0.0.1).
    func connect(_ login: String) throws -> Connection {
        try Connection(conninfo: try Connection.conninfo(db.url, setting: "user", to: login))
    }

    /// The published table through the analysts' function: code → group ("" for the whole panel, "(withheld)" for
    /// the unnamed row) → [N, −2, −1, 0, 1, 2] (nil when withheld).
    func tallies(_ connection: Connection, by: String?) throws -> [String: [String: [Int]?]] {
        let rows = try connection.query(
            """
            SELECT code, grp, suppressed, participants, stance_m2, stance_m1, stance_0, stance_p1, stance_p2
              FROM study_aggregate_tallies('panel', $1, 5) WHERE NOT is_theme
            """, [by], doing: "reading the aggregates"
        ).rows
        var result: [String: [String: [Int]?]] = [:]
        for row in rows {
            let group = row[2] == "t" ? (row[1] == nil ? "(withheld)" : "NAMED \(row[1]!)") : (row[1] ?? "")
            let counts = row[2] == "t" ? nil : (3...8).map { Int(row[$0]!)! }
            result[row[0]!, default: [:]][group] = counts
        }
        return result
    }

    deinit {
        if let admin = try? Connection(conninfo: db.url) {
            for login in [analyst, lead] {
                _ = try? admin.execute("DROP ROLE IF EXISTS \(login)", doing: "dropping a test login")
            }
        }
    }
}

/// The perturbation table as the database holds it: for counts 0, 1 and 2 (a larger count uses the row of its
/// remainder modulo 3), the probability of each perturbation over the three buckets.
struct PerturbationTable {
    var rows: [Int: [Int: Double]] = [:]

    init(_ connection: Connection) throws {
        let result = try connection.query(
            """
            SELECT c, viewpoints_perturbation(c, b), count(*)
              FROM generate_series(0, 2) c, generate_series(0, 2) b GROUP BY 1, 2
            """, doing: "reading the perturbation table")
        for row in result.rows {
            rows[Int(row[0]!)!, default: [:]][Int(row[1]!)!] = Double(Int(row[2]!)!) / 3
        }
    }

    /// How likely a cell of true count `count` is published as `published`.
    func probability(published: Int, count: Int) -> Double { rows[count % 3]![published - count] ?? 0 }
}

@Suite(.serialized, .database)
struct DisclosureTests {
    /// The attack of issue 14 through psql-level access: the analyst reads the whole panel, the breakdown by sector
    /// and the breakdown by region, and subtracts agency from north to get the target's row. Exact counts (a lead's)
    /// give the target's stance on every proposition; the analyst's give no stance for certain: for each proposition,
    /// an attacker who knows the table and the panel's structure and tries every possible count of the others still
    /// finds at least two of the target's six possible answers (−2 … 2, not addressed) consistent with what was
    /// published. The printed rates compare the naive and the best (Bayesian) guess with the exact attack.
    @Test func differencingRecoversNoStance() throws {
        let w = try DifferencingWorld()
        let lead = try w.connect(w.lead)
        let analyst = try w.connect(w.analyst)
        let table = try PerturbationTable(analyst)
        var exactHits = 0
        var naiveHits = 0
        var bestHits = 0
        var pinned: [String] = []
        var sameMembers = 0
        var sameMembersDiffer = 0
        let exact = try (w.tallies(lead, by: "sector"), w.tallies(lead, by: "region"))
        let published = try (
            w.tallies(analyst, by: nil), w.tallies(analyst, by: "sector"), w.tallies(analyst, by: "region")
        )
        for i in 0..<DifferencingWorld.propositions {
            let key = String(format: "t.c%02d", i)
            let truth = DifferencingWorld.target(i)
            // the exact attack: north − agency, one stance column holds 1
            let exactRow = zip(exact.1[key]!["north"]!!, exact.0[key]!["agency"]!!).map { $0 - $1 }
            #expect(exactRow[0] == 1)
            if DisclosureTests.guess(Array(exactRow.dropFirst())) == truth { exactHits += 1 }
            // the analyst: the same subtraction, then every hypothesis against every cell published
            let total = try #require(published.0[key]?[""] ?? nil)
            let agency = try #require(published.1[key]?["agency"] ?? nil)
            let north = try #require(published.2[key]?["north"] ?? nil)
            let south = try #require(published.2[key]?["south"] ?? nil)
            let naive = zip(north, agency).map { $0 - $1 }
            if DisclosureTests.guess(Array(naive.dropFirst())) == truth { naiveHits += 1 }
            // where the target is not, north and agency hold the same people: were their numbers always equal, a
            // column whose numbers differ would name the target's stance
            for column in 1...5 where column - 3 != truth && exact.0[key]!["agency"]!![column] > 0 {
                sameMembers += 1
                if north[column] != agency[column] { sameMembersDiffer += 1 }
            }
            var likelihoods: [(Int?, Double)] = []
            for hypothesis in [-2, -1, 0, 1, 2, nil] as [Int?] {
                var product = 1.0
                for column in 1...5 {
                    let target = hypothesis == column - 3 ? 1 : 0
                    product *= DisclosureTests.likelihood(
                        table, target: target, total: total[column], agency: agency[column], north: north[column],
                        south: south[column])
                }
                likelihoods.append((hypothesis, product))
            }
            let consistent = likelihoods.filter { $0.1 > 0 }
            #expect(consistent.contains { $0.0 == truth }, "\(key): the truth must stay consistent")
            if consistent.count < 2 { pinned.append(key) }
            if likelihoods.max(by: { $0.1 < $1.1 })?.0 == truth { bestHits += 1 }
        }
        let n = Double(DifferencingWorld.propositions)
        print(
            "differencing attack on \(Int(n)) propositions: exact counts \(exactHits)/\(Int(n)); analyst naive "
                + "\(naiveHits)/\(Int(n)) (\(Double(naiveHits) / Double(exactHits))× the exact attack), best guess "
                + "\(bestHits)/\(Int(n)) (\(Double(bestHits) / Double(exactHits))×); chance 1/6; cells of the same people "
                + "published differently in the two tables: \(sameMembersDiffer) of \(sameMembers)")
        #expect(exactHits == DifferencingWorld.propositions, "the attack must work on exact counts")
        #expect(pinned.isEmpty, "stances recovered for certain: \(pinned)")
        #expect(naiveHits < exactHits && bestHits < exactHits)
        #expect(sameMembersDiffer > sameMembers / 8, "\(sameMembersDiffer) of \(sameMembers) cells differ")
    }

    /// The attack's four cells of one stance column (total, agency, north, south) for every count of the others (agency
    /// 0…13, bank 0…8) and every perturbation the table allows: whatever is published, an attacker who knows the
    /// table can always explain it without the target in that column. So no published numbers prove the target's
    /// stance; this is what the possibility check of `differencingRecoversNoStance` relies on, made exhaustive.
    @Test func noPublishedCellsProveThatThePersonIsInThem() throws {
        let w = try DifferencingWorld()
        let table = try PerturbationTable(try w.connect(w.analyst))
        func outcomes(_ count: Int) -> [Int] { table.rows[count % 3]!.keys.map { count + $0 } }
        var cases = 0
        var proofs: [String] = []
        for a in 0...13 {
            for b in 0...8 {
                for total in outcomes(a + b + 1) {
                    for agency in outcomes(a) {
                        for north in outcomes(a + 1) {
                            for south in outcomes(b) {
                                cases += 1
                                let withoutTarget = DisclosureTests.likelihood(
                                    table, target: 0, total: total, agency: agency, north: north, south: south)
                                if withoutTarget == 0 {
                                    proofs.append("a \(a) b \(b): \([total, agency, north, south])")
                                }
                            }
                        }
                    }
                }
            }
        }
        #expect(cases > 500)
        #expect(
            proofs.isEmpty, "\(proofs.count) of \(cases) outcomes prove the target is in the cell: \(proofs.prefix(5))")
    }

    /// The stance a differenced row names: the only column holding 1 with the others 0; nil otherwise.
    static func guess(_ row: [Int]) -> Int? {
        guard row.filter({ $0 != 0 }).count == 1, let column = row.firstIndex(of: 1) else { return nil }
        return column - 2
    }

    /// How likely one stance column's published cells are when the target adds `target` to north and the total,
    /// summed over every count the others may have (agency 0…15, bank 0…9, equally likely).
    static func likelihood(
        _ table: PerturbationTable, target: Int, total: Int, agency: Int, north: Int, south: Int
    ) -> Double {
        var sum = 0.0
        for a in 0...15 {
            for b in 0...9 {
                sum +=
                    table.probability(published: total, count: a + b + target)
                    * table.probability(published: agency, count: a)
                    * table.probability(published: north, count: a + target)
                    * table.probability(published: south, count: b)
            }
        }
        return sum
    }

    /// Which groups an analyst does not see, and that they are never named: the target's sector with the next
    /// smallest (1 + 9 ≥ 5); all of desk, where the small groups hold 3 and only withholding main makes it ≥ 5.
    @Test func withheldGroupsAreUnnamedAndHoldAtLeastK() throws {
        let w = try DifferencingWorld()
        let analyst = try w.connect(w.analyst)
        for (by, shown) in [("sector", ["agency"]), ("region", ["north", "south"]), ("desk", [])] {
            let groups = try w.tallies(analyst, by: by)["t.c00"]!
            #expect(groups.filter { $0.value != nil }.keys.sorted() == shown, "\(by)")
            #expect(!groups.keys.contains { $0.hasPrefix("NAMED") }, "\(by): a withheld group was named")
            #expect(groups.keys.contains("(withheld)") == (by != "region"))
        }
        let text = try analyst.query(
            "SELECT string_agg(coalesce(grp, ''), ',') FROM study_aggregate_tallies('panel', 'desk', 5)",
            doing: "reading desk"
        ).one(String.self)
        for name in ["main", "side", "solo"] { #expect(!text.contains(name)) }
        // the rule itself, as the function applies it
        let cases: [([Int], [Bool])] = [
            ([1, 2, 6, 10], [true, true, true, false]), ([6, 3, 2], [false, true, true]), ([5, 9], [false, false]),
            ([4, 9, 12], [true, true, false]), ([3], [true]), ([2, 2], [true, true]),
        ]
        for (sizes, expected) in cases {
            let names = sizes.indices.map { "g\($0)" }
            let rows = try analyst.query(
                "SELECT grp, withheld FROM viewpoints_withheld_groups($1::text[], $2::bigint[], 5) ORDER BY grp",
                ["{\(names.joined(separator: ","))}", "{\(sizes.map(String.init).joined(separator: ","))}"],
                doing: "deciding"
            ).rows
            #expect(rows.map { $0[1] == "t" } == expected, "\(sizes)")
        }
    }

    /// The table is small and documented: zero stays zero, every row averages 0, no count goes below 0, no count
    /// moves by more than 2; the same cell gives the same count in every call and every table; a lead gets exact
    /// counts; the keys are the owner's (a lead reads their own study's, an analyst none).
    @Test func perturbationIsSmallStableAndTheLeadsAreExact() throws {
        let w = try DifferencingWorld()
        let analyst = try w.connect(w.analyst)
        let lead = try w.connect(w.lead)
        let table = try PerturbationTable(analyst)
        #expect(table.rows[0] == [0: 1])
        for count in 1...2 {
            let row = table.rows[count]!
            #expect(abs(row.reduce(0) { $0 + Double($1.key) * $1.value }) < 1e-9, "row \(count) is not zero-mean")
            #expect(row.keys.allSatisfy { count + $0 >= 0 && abs($0) <= 2 })
        }
        let first = try w.tallies(analyst, by: "region")
        #expect(try w.tallies(analyst, by: "region") == first)
        // north's N is one cell: the same published size on every proposition's row
        #expect(Set(first.values.compactMap { $0["north"]??[0] }).count == 1)
        let exact = try w.tallies(lead, by: "region")
        #expect(exact["t.c00"]!["north"]!![0] == 16 && exact["t.c00"]!["south"]!![0] == 9)
        let direct = try w.store.consensus(study: w.study, request: .init(by: "region"))
        for row in direct.rows where !row.isTheme {
            #expect(exact[row.code]![row.group!]!! == [row.tally.participants] + row.tally.stances)
        }
        var differs = 0
        for (code, groups) in first {
            for (group, counts) in groups {
                let published = try #require(counts)
                let truth = exact[code]![group]!!
                #expect(zip(published, truth).allSatisfy { abs($0 - $1) <= 2 && $0 >= 0 })
                if published != truth { differs += 1 }
            }
        }
        #expect(differs > 0)
        let keys = "SELECT count(*) FROM participant_cell_keys"
        #expect(throws: StoreError.self) { _ = try analyst.query(keys, doing: "reading keys") }
        #expect(try lead.query(keys, doing: "reading keys").one(Int.self) == 25)
        #expect(try w.db.scalar("SELECT count(DISTINCT cell_key) FROM participant_cell_keys") == "25")
    }
}
