Console.Error.WriteLine("llmstxt: commands arrive with the end-to-end issue.");
return 2;
