namespace LlmsTxt.Server;

/// <summary>The error body of SPEC's HTTP endpoints: <c>{"detail":"..."}</c>.</summary>
public sealed record ErrorDetail(string Detail);
