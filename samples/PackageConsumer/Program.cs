using Acme.Support;

// triage <plan> <severity> <subject...>: prints the queue, the response target and the rule that decided.
if (args.Length < 2 || !Enum.TryParse<TriagePlan>(args[0], ignoreCase: true, out var plan) || !Enum.TryParse<TriageSeverity>(args[1], ignoreCase: true, out var severity))
{
    Console.Error.WriteLine("usage: PackageConsumer <free|pro|enterprise> <low|normal|high|outage> [subject]");
    return 64;
}

var result = Triage.Evaluate(new TriageInput { Plan = plan, Severity = severity, Subject = string.Join(' ', args.Skip(2)) });
Console.WriteLine($"queue: {result.Output.Queue}, respond within {result.Output.RespondWithinHours} h, rule: {result.RuleId ?? "(default)"}");
return 0;
