namespace HaVip.Cli.Output;

/// <summary>Tables for people, JSON (the API's own DTOs) for scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
}
