using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Ringfence.Core.Accounts;
using Ringfence.Server.Auth;
using Ringfence.Storage;
using Ringfence.Storage.Keys;

namespace Ringfence.Cli.Commands.Keys;

/// <summary>
/// <c>ringfence keys create|list|revoke</c>: the API keys of a store (docs/security.md). They may run beside
/// <c>ringfence serve</c>, which picks up changes within two seconds. A key's text is printed once, when it is made.
/// </summary>
internal static class KeysCommand
{
    /// <summary>Creates the command with its subcommands.</summary>
    public static Command Create(StandardStreams streams)
    {
        var keys = new Command("keys", "Create, list and revoke the API keys of a store.");
        keys.Subcommands.Add(CreateKey(streams));
        keys.Subcommands.Add(ListKeys(streams));
        keys.Subcommands.Add(RevokeKey(streams));
        return keys;
    }

    private static Command CreateKey(StandardStreams streams)
    {
        var db = DatabaseOption.Create();
        var role = new Option<string>("--role") { Description = "admin, venue, oracle or trader.", Required = true, HelpName = "ROLE" };
        var account = new Option<string?>("--account") { Description = "The account a trader key acts for (trader keys only).", HelpName = "ID" };
        var label = new Option<string?>("--label") { Description = "A note kept with the key.", HelpName = "TEXT" };
        var json = new Option<bool>("--json") { Description = "Print {id, key, role, account} as JSON." };
        var command = new Command("create", "Make a key and print it (the only time it is shown).");
        command.Options.Add(db);
        command.Options.Add(role);
        command.Options.Add(account);
        command.Options.Add(label);
        command.Options.Add(json);
        command.SetAction(parseResult => WithKeys(streams, parseResult.GetValue(db)!, ring =>
        {
            if (!RoleNames.TryParse(parseResult.GetValue(role), out var parsedRole))
            {
                ErrorLine.Write(streams.Error, $"--role: must be admin, venue, oracle or trader, not {Core.Serialization.InputExcerpt.Quote(parseResult.GetValue(role))}");
                return ExitCodes.InputError;
            }

            var accountText = parseResult.GetValue(account);
            AccountId? id = null;
            if (accountText is not null)
            {
                if (!AccountId.TryCreate(accountText, out var valid))
                {
                    ErrorLine.Write(streams.Error, $"--account: {Core.Serialization.InputExcerpt.Quote(accountText)} is not a valid account id");
                    return ExitCodes.InputError;
                }

                id = valid;
            }

            if ((parsedRole == Role.Trader) != id.HasValue)
            {
                ErrorLine.Write(streams.Error, parsedRole == Role.Trader ? "--account: a trader key needs the account it acts for" : "--account: only a trader key has an account");
                return ExitCodes.InputError;
            }

            var (key, text) = ring.Create(parsedRole, id, parseResult.GetValue(label));
            if (parseResult.GetValue(json))
            {
                streams.Out.WriteLine(new JsonObject { ["id"] = key.Id, ["key"] = text, ["role"] = key.Role, ["account"] = key.Account }.ToJsonString(OutputJson.Line));
            }
            else
            {
                streams.Out.WriteLine(text);
                streams.Error.WriteLine($"key {key.Id} ({key.Role}{(key.Account is null ? string.Empty : $" for {key.Account}")}): keep it, it is not shown again");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command ListKeys(StandardStreams streams)
    {
        var db = DatabaseOption.Create();
        var json = new Option<bool>("--json") { Description = "One JSON object per line." };
        var command = new Command("list", "List the keys (never their secrets).");
        command.Options.Add(db);
        command.Options.Add(json);
        command.SetAction(parseResult => WithKeys(streams, parseResult.GetValue(db)!, ring =>
        {
            foreach (var key in ring.List())
            {
                if (parseResult.GetValue(json))
                {
                    streams.Out.WriteLine(new JsonObject
                    {
                        ["id"] = key.Id, ["role"] = key.Role, ["account"] = key.Account, ["label"] = key.Label,
                        ["createdAt"] = key.CreatedAt.ToString("O", CultureInfo.InvariantCulture), ["revokedAt"] = key.RevokedAt?.ToString("O", CultureInfo.InvariantCulture),
                    }.ToJsonString(OutputJson.Line));
                }
                else
                {
                    var state = key.RevokedAt is { } revoked ? $"revoked {revoked:yyyy-MM-dd HH:mm}" : "valid";
                    streams.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key.Id}  {key.Role,-6}  {key.Account ?? "-",-16}  {key.CreatedAt:yyyy-MM-dd HH:mm}  {state}  {key.Label}").TrimEnd());
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command RevokeKey(StandardStreams streams)
    {
        var db = DatabaseOption.Create();
        var id = new Argument<string>("ID") { Description = "The key's id (from keys list)." };
        var command = new Command("revoke", "Revoke a key: it is refused from then on.");
        command.Options.Add(db);
        command.Arguments.Add(id);
        command.SetAction(parseResult => WithKeys(streams, parseResult.GetValue(db)!, ring =>
        {
            if (!ring.Revoke(parseResult.GetValue(id)!))
            {
                ErrorLine.Write(streams.Error, $"no valid key {Core.Serialization.InputExcerpt.Quote(parseResult.GetValue(id))}");
                return ExitCodes.InputError;
            }

            streams.Out.WriteLine($"revoked {parseResult.GetValue(id)}");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static int WithKeys(StandardStreams streams, string location, Func<KeyRing, int> action)
    {
        IApiKeyStore store;
        try
        {
            if (!EngineStores.IsPostgres(location) && !File.Exists(location))
            {
                ErrorLine.Write(streams.Error, $"no database at '{location}' (give --db the file a server or host wrote)");
                return ExitCodes.StoreError;
            }

            store = ApiKeyStores.Open(location);
        }
        catch (Exception exception) when (exception is StorageException or ArgumentException)
        {
            ErrorLine.Write(streams.Error, exception.Message);
            return ExitCodes.StoreError;
        }

        using var ring = new KeyRing(() => store, TimeProvider.System);
        try
        {
            return action(ring);
        }
        catch (StorageException exception)
        {
            ErrorLine.Write(streams.Error, exception.Message);
            return ExitCodes.StoreError;
        }
    }
}
