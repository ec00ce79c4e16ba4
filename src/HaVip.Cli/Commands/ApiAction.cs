using System.CommandLine;
using HaVip.Cli.Api;
using HaVip.Cli.Output;
using HaVip.Contracts.Client;

namespace HaVip.Cli.Commands;

/// <summary>What an API command's body gets: its parse result, a client, the printer, the context.</summary>
internal sealed record ApiInvocation(ParseResult Parse, HaVipApiClient Api, Printer Out, CliContext Context)
{
    public T Get<T>(Option<T> option) => Parse.GetValue(option)!;

    public T Get<T>(Argument<T> argument) => Parse.GetValue(argument)!;

    /// <summary>A message on stderr and exit code 1.</summary>
    public int Fail(string message)
    {
        Context.Error.WriteLine($"havip: {message}");
        return 1;
    }
}

/// <summary>
/// Runs an API command: resolves server and key, and turns the ways a call fails (a problem,
/// no connection, a timeout, a bad config) into a message on stderr and exit code 1.
/// </summary>
internal static class ApiAction
{
    public static void Set(Command command, ApiScope scope, Func<ApiInvocation, CancellationToken, Task<int>> body) =>
        command.SetAction(async (parse, ct) =>
        {
            var (context, options) = scope;
            ClientSettings settings;
            try
            {
                settings = ClientSettings.Resolve(parse.GetValue(options.Server), parse.GetValue(options.Key), parse.GetValue(options.Config), context.Environment);
            }
            catch (CliConfigException e)
            {
                context.Error.WriteLine($"havip: {e.Message}");
                return 1;
            }
            using var api = HaVipApiClient.Create(settings.Server, settings.Key, "havip-cli", context.Handler);
            var printer = new Printer(context.Out, parse.GetValue(options.Output));
            try
            {
                return await body(new ApiInvocation(parse, api, printer, context), ct);
            }
            catch (ApiProblemException e)
            {
                ProblemText.Write(context.Error, e.Problem);
                if (e.Problem.Status == 401 && settings.Key is null)
                {
                    context.Error.WriteLine("  no key was sent: give --key, set HAVIP_KEY, or put \"key\" in the config file.");
                }
                return 1;
            }
            catch (HttpRequestException e)
            {
                context.Error.WriteLine($"havip: cannot reach the server at {settings.Server}: {e.Message}");
                return 1;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                context.Error.WriteLine($"havip: the server at {settings.Server} did not answer in time");
                return 1;
            }
            catch (System.Text.Json.JsonException e)
            {
                // Say, --server points at some other web server that answers 200 with a page.
                context.Error.WriteLine($"havip: the answer from {settings.Server} is not what the HaVip API sends: {e.Message}");
                return 1;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A file the command writes (keepalived --out): the path is in the message.
                context.Error.WriteLine($"havip: {e.Message}");
                return 1;
            }
        });
}
