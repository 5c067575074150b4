#compdef awsr
# awsr zsh completion: the candidates come from `awsr __complete`, which
# reads awsr's own option table. Install (after compinit):
#   source <(awsr completion zsh)
_awsr() {
    local -a candidates
    candidates=("${(@f)$(command awsr __complete zsh -- "${(@)words[2,CURRENT]}" 2>/dev/null)}")
    candidates=("${(@)candidates:#}")
    if (( ${#candidates} )); then
        _describe -t awsr awsr candidates
    else
        _files
    fi
}
if [[ $funcstack[1] == _awsr ]]; then
    _awsr "$@"
else
    compdef _awsr awsr
fi
