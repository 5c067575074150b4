# awsr elvish completion: the candidates come from `awsr __complete`.
# Install: eval (awsr completion elvish | slurp)
set edit:completion:arg-completer[awsr] = {|@words|
    awsr __complete plain -- (all $words[1..]) | from-lines
}
