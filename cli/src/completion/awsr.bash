# awsr bash completion: the candidates come from `awsr __complete`, which
# reads awsr's own option table (as aws-cli's `complete -C aws_completer aws`).
# Install: source <(awsr completion bash)   (e.g. in ~/.bashrc)
_awsr() {
    # The line up to the cursor split at blanks, as aws_completer does; bash's
    # own words (COMP_WORDS) also split at `=` and `:`, which values contain.
    local line=${COMP_LINE:0:COMP_POINT} current=${COMP_WORDS[COMP_CWORD]}
    local -a words
    read -ra words <<<"$line"
    if [[ -z $line || $line == *[[:blank:]] ]]; then
        words+=("")
    fi
    # bash replaces only the part after its last word break (`--output=` of
    # `--output=js`): drop that lead from the candidates.
    local whole=${words[${#words[@]}-1]}
    local lead=${whole%"$current"} candidate IFS=$'\n'
    COMPREPLY=()
    for candidate in $(command awsr __complete plain -- "${words[@]:1}" 2>/dev/null); do
        COMPREPLY+=("${candidate#"$lead"}")
    done
}
complete -o bashdefault -o default -F _awsr awsr
