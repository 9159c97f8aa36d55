import Foundation
import Testing
import ViewpointsTestSupport

/// `viewpoints reliability` on the synthetic sample study, set up through the binary as a user would.
@Suite(.database)
struct ReliabilityCommandTests {
    let cli: CLI
    var db: TestDatabase { cli.db }

    init() throws {
        cli = try CLI(environment: ["NO_COLOR": nil])
        try cli.importSample(through: .codings)
    }

    /// The JSON output: its top-level object and its figures.
    func json(_ arguments: [String]) throws -> (object: [String: Any], figures: [[String: Any]]) {
        let out = try cli.run(["reliability", "--format", "json"] + arguments)
        #expect(out.status == 0 && out.stderr.isEmpty, "\(out)")
        let object = try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [String: Any] ?? [:]
        return (object, object["figures"] as? [[String: Any]] ?? [])
    }

    @Test func jsonGivesEveryFigureWithItsCountsAndThePooledAlpha() throws {
        let (object, figures) = try json([])
        #expect(object["unit"] as? String == "statement")
        #expect(object["coders"] as? [String] == ["coder-a", "coder-b"])
        #expect(object["statements"] as? Int == 150)
        // 42 propositions and the pool, each with 3 presence and 2 stance figures
        #expect(figures.count == 43 * 5)
        let keys: Set<String> = [
            "scope", "key", "measure", "metric", "level", "weights", "value", "defined", "applicable", "reason",
            "units", "coders", "pairable_values", "status",
        ]
        #expect(figures.allSatisfy { Set($0.keys) == keys })
        let pooled = figures.filter { $0["scope"] as? String == "all" }
        #expect(
            pooled.map { "\($0["measure"]!) \($0["metric"]!)" } == [
                "presence alpha", "presence cohen", "presence percent", "stance alpha", "stance cohen",
            ])
        let alpha = pooled[0]
        #expect(String(format: "%.4f", alpha["value"] as? Double ?? .nan) == "0.8084")
        #expect(alpha["units"] as? Int == 6300 && alpha["pairable_values"] as? Int == 12600)
        #expect(alpha["coders"] as? Int == 2 && alpha["status"] as? String == "acceptable")
        // a status on each presence α, and only there; undefined figures have no number and a reason
        for figure in figures {
            let isPresenceAlpha = figure["measure"] as? String == "presence" && figure["metric"] as? String == "alpha"
            #expect((figure["status"] is NSNull) != isPresenceAlpha)
            if figure["defined"] as? Bool == false {
                #expect(figure["value"] is NSNull && figure["reason"] is String)
            }
        }
    }

    @Test func themesParticipantsAndOneCode() throws {
        let byTheme = try json(["--by", "theme"]).figures
        #expect(
            byTheme.filter { $0["metric"] as? String == "alpha" && $0["measure"] as? String == "presence" }.map {
                $0["key"] as? String ?? ""
            } == [
                "relations", "objectives", "engagement", "cooperation", "governance", "afghanistan", "region", "india",
                "way-ahead", "all",
            ])
        let participants = try json(["--unit", "participant", "--code", "relations.lowest-since-9-11"])
        #expect(participants.object["unit"] as? String == "participant")
        let units = participants.figures.first?["units"] as? Int ?? 0
        #expect(units > 0 && units <= 60)
        let one = try json(["--code", "region", "--coders", "coder-b,coder-a"]).figures
        #expect(Set(one.map { $0["key"] as? String ?? "" }).count == 6)
    }

    @Test func tableCsvAndErrors() throws {
        var out = try cli.run(["reliability"])
        #expect(out.status == 0, "\(out)")
        #expect(
            out.stdout.hasPrefix("statement units; coders coder-a, coder-b; 150 statements reviewed by at least two\n"))
        #expect(out.stdout.contains("\nall (pooled)  ") && out.stdout.contains("0.8084"), "\(out)")
        out = try cli.run(["reliability", "--format", "csv"])
        #expect(
            out.stdout.hasPrefix(
                "scope,key,measure,metric,level,weights,value,defined,applicable,reason,units,coders,pairable_values,status\n"
            ))
        out = try cli.run(["reliability", "--code", "region.prioritise-regional"])
        #expect(out.status == 65 && out.stderr.contains("did you mean 'region.prioritize-regional'?"), "\(out)")
        out = try cli.run(["reliability", "--coders", "coder-a"])
        #expect(out.status == 64 && out.stderr.contains("--coders needs at least two"), "\(out)")
        out = try cli.run(["reliability", "--coders", "coder-a,coder-c"])
        #expect(out.status == 65 && out.stderr.contains("no coder 'coder-c'"), "\(out)")
        out = try cli.run(["reliability", "--by", "proposition"])
        #expect(out.status == 64, "\(out)")
    }
}
