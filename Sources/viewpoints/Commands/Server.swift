import ArgumentParser
import ViewpointsStore

extension Viewpoints.Server {
    struct Start: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Start (and on first use create) the managed server.")

        @Flag(help: "Also listen on 127.0.0.1 with scram-sha-256 and a generated password.")
        var tcp = false

        @Option(help: "TCP port with --tcp.")
        var port = 54329

        func run() throws {
            let server = ManagedServer(home: ManagedServer.defaultHome())
            let status = try report { try server.start(tcpPort: tcp ? port : nil) }
            print("running: PostgreSQL \(status.version ?? "?") in \(status.dataDirectory)")
            print("socket: \(status.socketDirectory)")
            if let port = status.tcpPort {
                print(
                    "tcp: postgresql://viewpoints@127.0.0.1:\(port)/viewpoints (password in \(server.home)/server.password)"
                )
            }
        }
    }

    struct Stop: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Stop the managed server.")

        func run() throws {
            let server = ManagedServer(home: ManagedServer.defaultHome())
            let stopped = try report { try server.stop() }
            print(stopped ? "stopped" : "not running")
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Say whether the managed server runs, and where.")

        func run() throws {
            let server = ManagedServer(home: ManagedServer.defaultHome())
            let status = try report { try server.status() }
            print("home: \(server.home)")
            print("data: \(status.dataDirectory)\(status.initialized ? "" : " (not created yet)")")
            print("socket: \(status.socketDirectory)")
            print("state: \(status.running ? "running" : "stopped")\(status.tcpPort.map { ", tcp port \($0)" } ?? "")")
        }
    }
}
