using System.Threading.Tasks;
using RuleCompiler.Samples.Api;

// accesspolicy [--urls http://127.0.0.1:5080] [--environment Development]   serves the API
// accesspolicy --bench [N]                                                  measures the policy's cost per request
if (args.Length > 0 && args[0] == "--bench")
{
    return await PolicyBenchmark.RunAsync(args[1..], System.Console.Out);
}

await AccessPolicyApi.Build(args).RunAsync();
return 0;
