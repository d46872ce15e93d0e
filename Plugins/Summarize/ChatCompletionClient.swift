import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A minimal client for an OpenAI-compatible chat-completions endpoint
/// (`POST {base}/chat/completions`), as local model servers (llama.cpp,
/// vLLM, Ollama) offer it.
struct ChatCompletionClient: Sendable {
    /// The API root, e.g. `http://127.0.0.1:8080/v1`.
    let baseURL: URL
    let model: String
    /// Sent as a bearer token when set.
    let apiKey: String?
    let timeout: TimeInterval

    /// Why a completion could not be had.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// The assistant's reply to a system and a user message.
    func complete(system: String, user: String) async throws -> String {
        var request = URLRequest(url: baseURL.appendingPathComponent("chat/completions"), timeoutInterval: timeout)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let apiKey, !apiKey.isEmpty { request.setValue("Bearer \(apiKey)", forHTTPHeaderField: "Authorization") }
        let body: [String: Any] = [
            "model": model,
            "temperature": 0,
            "messages": [["role": "system", "content": system], ["role": "user", "content": user]],
        ]
        request.httpBody = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])

        let configuration = URLSessionConfiguration.ephemeral
        configuration.timeoutIntervalForRequest = timeout
        configuration.timeoutIntervalForResource = timeout
        let session = URLSession(configuration: configuration)
        defer { session.finishTasksAndInvalidate() }
        let (data, response) = try await session.data(for: request)
        guard let http = response as? HTTPURLResponse else { throw Failure(description: "no HTTP response") }
        guard (200..<300).contains(http.statusCode) else {
            throw Failure(description: "HTTP \(http.statusCode) from \(request.url?.absoluteString ?? "")")
        }
        guard let json = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let choices = json["choices"] as? [[String: Any]],
            let message = choices.first?["message"] as? [String: Any],
            let content = message["content"] as? String
        else { throw Failure(description: "reply is not a chat completion") }
        let text = content.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw Failure(description: "empty completion") }
        return text
    }
}
