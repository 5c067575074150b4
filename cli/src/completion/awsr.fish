# awsr fish completion: the candidates come from `awsr __complete`, which
# reads awsr's own option table. Install:
#   awsr completion fish > ~/.config/fish/completions/awsr.fish
function __awsr_complete
    set -l words (commandline -opc)
    set -l current (commandline -ct)
    command awsr __complete fish -- $words[2..-1] "$current" 2>/dev/null
end
complete -c awsr -f -a '(__awsr_complete)'
