# awsr PowerShell completion: the candidates come from `awsr __complete`.
# Install: awsr completion powershell | Out-String | Invoke-Expression
Register-ArgumentCompleter -Native -CommandName awsr -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)
    $line = $commandAst.ToString()
    $line = $line.Substring(0, [Math]::Min($line.Length, $cursorPosition - $commandAst.Extent.StartOffset))
    if ($wordToComplete -eq '') { $line += ' ' }
    awsr __complete plain --line $line 2>$null | ForEach-Object {
        [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
    }
}
