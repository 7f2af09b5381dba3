# bench/compare/chart.gp — the chart of a bench/compare run: one panel per workload, one
# cluster of bars per question, one bar per system (time of the whole batch, log scale).
# Usage: gnuplot -e "datafile='compare.dat'; outfile='compare.png'; titles='w1 w2 …'; nsys=5; subtitle='…'" chart.gp
# datafile: blocks written by report.py (a header row of system names, then `"question" t1 t2 …`),
# two blank lines between blocks; `?` = no time (timed out, failed or not run): no bar.
n = words(titles)
cols = n <= 2 ? n : 3
rows = (n + cols - 1) / cols
set terminal pngcairo size 560*cols, 420*rows + 40 font "DejaVu Sans,10"
set output outfile
set datafile missing "?"
set style data histogram
set style histogram cluster gap 1
set style fill solid 0.9 border -1
set boxwidth 0.9
set logscale y
set format y "10^{%L}"
set ylabel "seconds per batch (log)"
set grid ytics
set key below horizontal font ",9"
set xtics font ",9" noenhanced
set yrange [1e-5:*]
set multiplot layout rows, cols title "Entente vs peers — ".subtitle." (no bar: timed out or not run)"
do for [i=1:n] {
  set title word(titles, i)
  plot for [c=2:nsys+1] datafile index (i-1) using c:xtic(1) title columnheader(c)
}
unset multiplot
