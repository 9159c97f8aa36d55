import Foundation
import Testing
import ZIPFoundation

@testable import ViewpointsCore

/// `.qdpx` archives read in memory: the project inside reads as the bare folder does, under either name; damaged,
/// empty, oversized (ZIP bomb) and DTD-carrying archives are refused at FILE:1:1, never expanded.
@Suite struct QDAProjectArchiveTests {
    /// A ZIP in memory of `entries` (path → bytes), deflated.
    static func zip(_ entries: [(String, [UInt8])]) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, bytes) in entries {
            let data = Data(bytes)
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate
            ) { position, size in data.subdata(in: Int(position)..<Int(position) + size) }
        }
        return [UInt8](archive.data ?? Data())
    }

    /// The two-coder NVivo-style fixture as a `.qdpx`, its project document named `name`.
    static func twoCoders(named name: String = "project.qde") throws -> [UInt8] {
        let folder = "nvivo-two-coders"
        let sources = try FileManager.default.contentsOfDirectory(atPath: REFIFixtures.path(folder + "/Sources"))
        var entries = [(name, try REFIFixtures.bytes(folder + "/project.qde"))]
        for source in sources.sorted() {
            entries.append(("Sources/" + source, try REFIFixtures.bytes(folder + "/Sources/" + source)))
        }
        return try zip(entries)
    }

    static func refusal(_ bytes: [UInt8], largest: Int = QDAProjectArchive.largestEntry) -> String? {
        do {
            _ = try QDAProjectArchive(bytes, file: "p.qdpx", largest: largest).read()
            return nil
        } catch {
            return error.problems.first?.description
        }
    }

    @Test(arguments: ["project.qde", "Project.qde"])
    func theProjectInsideReadsAsTheFolderDoes(name: String) throws {
        let bytes = try Self.twoCoders(named: name)
        #expect(QDAProjectArchive.isArchive(bytes))
        let read = try QDAProjectArchive(bytes, file: "p.qdpx").read()
        let folder = try QDAProjectReaderTests.fixture("nvivo-two-coders")
        #expect(read.statements == folder.statements)
        #expect(read.codings == folder.codings)
        #expect(read.coders == folder.coders)
        #expect(!read.codings.isEmpty)
    }

    @Test func aBareQdeIsNotAnArchive() throws {
        #expect(!QDAProjectArchive.isArchive(try REFIFixtures.bytes("nvivo-two-coders/project.qde")))
    }

    @Test func aZipBombIsRefusedNotExpanded() throws {
        let bomb = try Self.zip([("project.qde", [UInt8](repeating: 0x20, count: 1 << 16))])
        #expect(bomb.count < 1 << 12)
        let refusal = Self.refusal(bomb, largest: 1 << 12)
        #expect(refusal?.hasPrefix("p.qdpx:1:1: project.qde inflates to over 4096 bytes") == true, "\(refusal ?? "")")
    }

    @Test func aBombAmongTheSourcesRefusesTheProject() throws {
        let project = try REFIFixtures.bytes("nvivo-two-coders/project.qde")
        let folder = REFIFixtures.path("nvivo-two-coders/Sources")
        let name = try #require(try FileManager.default.contentsOfDirectory(atPath: folder).first)
        let bomb = try Self.zip([
            ("project.qde", project), ("Sources/" + name, [UInt8](repeating: 0x20, count: project.count * 4)),
        ])
        let refusal = Self.refusal(bomb, largest: project.count * 2)
        #expect(refusal?.contains("Sources/\(name) inflates to over") == true, "\(refusal ?? "")")
    }

    @Test func aDTDInsideTheArchiveIsRefused() throws {
        let xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE p [<!ENTITY a \"aaaa\">]>\n<Project/>\n"
        let refusal = Self.refusal(try Self.zip([("project.qde", Array(xml.utf8))]))
        #expect(refusal?.contains("declares a document type") == true, "\(refusal ?? "")")
    }

    @Test func damagedAndEmptyArchivesAreRefused() throws {
        #expect(Self.refusal(Array("PK\u{3}\u{4}garbage".utf8))?.contains("not a readable .qdpx") == true)
        let empty = try Self.zip([("readme.txt", Array("hi".utf8))])
        #expect(Self.refusal(empty)?.contains("has no project.qde") == true)
    }
}
